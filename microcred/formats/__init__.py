"""Format overrides per language (settings.FORMAT_MODULE_PATH); Django's own apply to every other language."""
