"""Create the default moderation workflow and put the knowledge base under it."""

from django.db import migrations


def forwards(apps, schema_editor):
    from apps.workflow.workflows import assign_default_workflow, create_default_workflow

    create_default_workflow(apps)
    assign_default_workflow(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("workflow", "0003_moderation_tasks"),
        ("wagtailcore", "0098_apitoken"),
        ("knowledge", "0006_contact_consent"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
