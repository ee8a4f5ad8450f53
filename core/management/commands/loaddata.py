"""Django's ``loaddata``, with django-simple-history quiet while it loads.

Loading a many-to-many field fires ``m2m_changed``, on which simple-history writes a new historical record of the
row; with the exported history loaded as well, every such row would have its history twice (or collide with it).
The loaded history is the record: nothing is added to it while loading.
"""

from django.core.management.commands.loaddata import Command as LoadDataCommand
from django.test.utils import override_settings


class Command(LoadDataCommand):
    def handle(self, *fixture_labels, **options):
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            return super().handle(*fixture_labels, **options)
