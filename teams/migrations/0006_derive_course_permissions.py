"""Permission rows become derived from their records (teams.derivation).

1. The new named leader powers get their Permission rows now (post_migrate would add them only afterwards).
2. Rows no membership or task-force seat explains were one-off grants made in Django admin: each is recorded as a
   CourseGrant, so that deriving keeps it.
3. Every course's rows are derived: leaders gain the named powers; a member who also sits on the task force gets
   back the view their earlier removal from a team took.

The role table is copied here as it stood, so that later changes to it do not change what this migration did.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "leader": {"view_course", "change_course", "manage_team", "view_history", "plan_phases", "log_work",
               "view_all_tasks", "view_effort", "manage_support", "propose_decision", "record_consent",
               "submit_evaluation", "edit_profile", "lead_support", "keep_evaluation", "moderate_decisions"},
    "partner": {"view_course", "view_history", "log_work", "view_all_tasks", "manage_support", "propose_decision",
                "record_consent", "submit_evaluation"},
    "qa_officer": {"view_course", "view_history", "view_all_tasks", "view_effort", "review_evaluation"},
    "learner": {"view_course", "log_work"},
    "stakeholder": {"view_course", "log_work"},
}  # fmt: skip
OLD_LEADER = ROLES["leader"] - {"lead_support", "keep_evaluation", "moderate_decisions"}


def derive(apps, schema_editor):
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Row = apps.get_model("teams", "CourseUserObjectPermission")
    Membership = apps.get_model("teams", "Membership")
    CourseGrant = apps.get_model("teams", "CourseGrant")
    TaskForceMember = apps.get_model("support", "TaskForceMember")
    ids = dict(Permission.objects.filter(content_type__app_label="teams").values_list("codename", "id"))
    codenames = {v: k for k, v in ids.items()}
    roles = {(m["course_id"], m["user_id"]): m["role"] for m in Membership.objects.values("course_id", "user_id", "role")}
    seats = set(TaskForceMember.objects.values_list("course_id", "user_id"))
    held: dict[tuple[int, int], set[str]] = {}
    for course_id, user_id, perm_id in Row.objects.values_list("content_object_id", "user_id", "permission_id"):
        held.setdefault((course_id, user_id), set()).add(codenames.get(perm_id, ""))
    grants = []
    for (course_id, user_id), codes in held.items():
        role = roles.get((course_id, user_id))
        explained = (OLD_LEADER if role == "leader" else ROLES.get(role, set())) | (
            {"view_course"} if (course_id, user_id) in seats else set()
        )
        grants += [
            CourseGrant(course_id=course_id, user_id=user_id, permission=code, note="Recorded from a one-off grant")
            for code in sorted(codes - explained)
            if code
        ]
    CourseGrant.objects.bulk_create(grants, ignore_conflicts=True)
    wanted: dict[tuple[int, int], set[str]] = {}
    for key, role in roles.items():
        wanted.setdefault(key, set()).update(ROLES.get(role, set()))
    for key in seats:
        wanted.setdefault(key, set()).add("view_course")
    for g in CourseGrant.objects.values("course_id", "user_id", "permission"):
        wanted.setdefault((g["course_id"], g["user_id"]), set()).add(g["permission"])
    want = {(c, u, ids[code]) for (c, u), codes in wanted.items() for code in codes if code in ids}
    have = {(c, u, p): pk for pk, c, u, p in Row.objects.values_list("pk", "content_object_id", "user_id", "permission_id")}
    Row.objects.filter(pk__in=[pk for key, pk in have.items() if key not in want]).delete()
    Row.objects.bulk_create(
        [Row(content_object_id=c, user_id=u, permission_id=p) for c, u, p in want - have.keys()], batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0005_course_grants_named_leader_powers"),
        ("support", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]
