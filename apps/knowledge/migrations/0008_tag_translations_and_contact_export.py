import django.db.models.deletion
from django.db import migrations, models


def create_export_permission(apps, schema_editor):
    """The GDPR export permission (art. 15), separate from editing a contact.

    Not in Contact.Meta.permissions: setup_roles creates it too (see
    apps.knowledge.admin.gdpr.ensure_export_permission), so a flushed test database
    gets it back.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="knowledge", model="contact"
    )
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="export_contact",
        defaults={"name": "Can export a contact's personal data (GDPR art. 15)"},
    )


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('knowledge', '0007_search_terms_and_gaps'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='TagTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('de', 'German'), ('da', 'Danish'), ('en', 'English')], max_length=8, verbose_name='language')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='taggit.tag', verbose_name='tag')),
            ],
            options={
                'verbose_name': 'tag translation',
                'verbose_name_plural': 'tag translations',
                'ordering': ['tag', 'language'],
                'constraints': [models.UniqueConstraint(fields=('tag', 'language'), name='unique_tag_translation_language')],
            },
        ),
        migrations.RunPython(create_export_permission, migrations.RunPython.noop),
    ]
