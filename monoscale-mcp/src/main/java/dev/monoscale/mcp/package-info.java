/**
 * MCP servers as pool workers. One worker per server: its tools become the card's skills, and a step becomes one
 * call of one of its tools, chosen and filled by a {@link dev.monoscale.mcp.ToolChooser} (a model when one is
 * configured; model-free, a tool that takes a single string gets the step's text). Built on the official MCP Java
 * SDK with its Jackson 2 mapper; the SDK stays inside this package.
 */
@NullMarked
package dev.monoscale.mcp;

import org.jspecify.annotations.NullMarked;
