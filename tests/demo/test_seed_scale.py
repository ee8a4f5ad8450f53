"""seed_scale fills a fresh database with every app's part, and refuses a database that has one already."""

import pytest
from django.core.management import CommandError, call_command

from phases.models import Phase, Task
from quality.models import Edition
from support.models import Consultation
from teams.models import Course, Membership

pytestmark = pytest.mark.django_db


def test_seed_scale_builds_every_apps_part_once(capsys):
    call_command("seed_scale", courses=2, institutions=4, members=6)
    assert Course.objects.filter(slug__startswith="scale-").count() == 2
    assert Membership.objects.filter(course__slug__startswith="scale-").exists()
    assert Phase.objects.count() == 6 and Task.objects.exists()
    assert Consultation.objects.exists() and Edition.objects.exists()
    assert "Scale data set ready" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already exists"):
        call_command("seed_scale", courses=2, institutions=4, members=6)
