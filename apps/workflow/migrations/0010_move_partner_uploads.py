# Partner uploads made before each authority had its own partner collection.

from django.db import migrations


def move_partner_uploads(apps, schema_editor):
    from apps.workflow.partners.upload_collections import move_partner_uploads as move

    move(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0009_owner_review'),
        ('knowledge', '0012_owners'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.RunPython(move_partner_uploads, migrations.RunPython.noop),
    ]
