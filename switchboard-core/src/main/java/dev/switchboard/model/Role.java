package dev.switchboard.model;

/** Who said a message. Tool results are their own role so every codec can place them where its wire wants them. */
public enum Role { SYSTEM, USER, ASSISTANT, TOOL }
