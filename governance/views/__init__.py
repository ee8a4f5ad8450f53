"""Pages of the governance app. Thin: parse, call one service, render."""
