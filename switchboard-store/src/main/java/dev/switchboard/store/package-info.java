package dev.switchboard.store;
