package dev.switchboard.routing;

/**
 * What a request asks routing for.
 *
 * @param model          the body's model: {@code provider/model}, a bare id/alias, {@code auto} or {@code pool/<name>}
 * @param providerHeader X-Provider, or null
 * @param poolHeader     X-Pool, or null
 * @param session        the sticky-session header's value, or null
 */
public record RouteQuery(String model, String providerHeader, String poolHeader, String session, Needs needs) {
  public static RouteQuery of(String model, String providerHeader) {
    return new RouteQuery(model, providerHeader, null, null, Needs.NONE);
  }
}
