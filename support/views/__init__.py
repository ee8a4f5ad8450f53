"""Support pages of a course. Thin: parse input, call one service or selector, render."""
