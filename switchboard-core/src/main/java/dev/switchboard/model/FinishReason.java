package dev.switchboard.model;

/** Why generation stopped, in canonical terms; each codec maps its wire's values to and from these. */
public enum FinishReason { STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER, ERROR }
