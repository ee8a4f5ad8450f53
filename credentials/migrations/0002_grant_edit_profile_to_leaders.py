"""Course leaders of existing courses get the new ``edit_profile`` permission, as the role table now grants it."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Membership = apps.get_model("teams", "Membership")
    Grant = apps.get_model("teams", "CourseUserObjectPermission")
    content_type, _ = ContentType.objects.get_or_create(app_label="teams", model="course")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="edit_profile", defaults={"name": "Edit the micro-credential profile"}
    )
    held = set(Grant.objects.filter(permission=permission).values_list("user_id", "content_object_id"))
    Grant.objects.bulk_create(
        Grant(user_id=user_id, content_object_id=course_id, permission=permission)
        for user_id, course_id in Membership.objects.filter(role="leader").values_list("user_id", "course_id")
        if (user_id, course_id) not in held
    )


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0001_credential_profile"),
        ("teams", "0003_edit_profile_permission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
