package dev.switchboard.testkit;
