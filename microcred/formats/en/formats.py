"""English as the consortium writes it: British date order and the 24-hour clock (Django's "en" is American)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
