package dev.switchboard.server; public final class GatewayMain { public static void main(String[] a) {} }
