"""Quality pages. Thin: parse input, call one service or selector, render; errors re-render the form (400)."""
