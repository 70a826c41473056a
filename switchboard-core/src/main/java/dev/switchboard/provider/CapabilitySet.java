package dev.switchboard.provider;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The immutable capability set {@link Capability#setOf} returns: one class whatever its size (see there), backed by an
 * {@link EnumSet}, so that {@code contains} is a bit test and a set already of this class is never copied again.
 */
final class CapabilitySet extends AbstractSet<Capability> {
  private final EnumSet<Capability> set;
  private final Set<Capability> view;

  CapabilitySet(EnumSet<Capability> set) {
    this.set = set;
    this.view = Collections.unmodifiableSet(set);
  }

  @Override public boolean contains(Object o) { return set.contains(o); }

  @Override public int size() { return set.size(); }

  @Override public Iterator<Capability> iterator() { return view.iterator(); }
}
