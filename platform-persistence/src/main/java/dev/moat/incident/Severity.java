package dev.moat.incident;

/** How bad a case is; it sets the case's SLA. */
public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }
