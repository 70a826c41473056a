package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitySetTest {
  @Test
  void capability_sets_have_one_class_whatever_their_size_so_compiled_checks_never_see_another() {
    Set<Capability> none = Capability.setOf(null);
    Set<Capability> one = Capability.setOf(List.of(Capability.STREAMING));
    Set<Capability> three = Capability.setOf(Set.of(Capability.TOOLS, Capability.JSON, Capability.STREAMING));
    assertThat(none.getClass()).isEqualTo(one.getClass()).isEqualTo(three.getClass());
    assertThat(none).isEmpty();
    assertThat(one).containsExactly(Capability.STREAMING);
    assertThat(three.contains(Capability.JSON)).isTrue();
    assertThat(three.contains(Capability.VISION)).isFalse();
    assertThat(three.contains("json")).isFalse();
  }

  @Test
  void iterates_in_declaration_order_and_equals_any_set_with_the_same_members() {
    Set<Capability> set = Capability.setOf(List.of(Capability.STREAMING, Capability.TOOLS, Capability.JSON, Capability.TOOLS));
    assertThat(set).containsExactly(Capability.TOOLS, Capability.JSON, Capability.STREAMING);
    assertThat(set).isEqualTo(Set.of(Capability.JSON, Capability.TOOLS, Capability.STREAMING));
    assertThat(set.hashCode()).isEqualTo(Set.of(Capability.JSON, Capability.TOOLS, Capability.STREAMING).hashCode());
  }

  @Test
  void is_immutable_and_a_set_already_of_its_class_is_not_copied_again() {
    Set<Capability> set = Capability.setOf(List.of(Capability.TOOLS));
    assertThat(Capability.setOf(set)).isSameAs(set);
    assertThatThrownBy(() -> set.add(Capability.JSON)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.remove(Capability.TOOLS)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(set::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(set).containsExactly(Capability.TOOLS);
  }

  @Test
  void a_null_capability_is_refused_like_set_copy_of_refuses_it() {
    assertThatThrownBy(() -> Capability.setOf(Arrays.asList(Capability.TOOLS, null)))
        .isInstanceOf(NullPointerException.class);
  }
}
