from django.db import migrations


class Migration(migrations.Migration):
    """The cards cache reads the one content version of ``practices.changes`` instead."""

    dependencies = [("cards", "0001_initial")]

    operations = [migrations.DeleteModel(name="EmbedGeneration")]
