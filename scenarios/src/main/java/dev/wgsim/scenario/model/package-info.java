/** The typed scenario: immutable records with every default applied, the only form the rest of wgsim sees. */
package dev.wgsim.scenario.model;
