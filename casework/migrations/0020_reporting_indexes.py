# The dashboard's reads of requests by period.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0019_obligations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='aidrequest',
            index=models.Index(fields=['received_on'], name='request_received_on'),
        ),
        migrations.AddIndex(
            model_name='aidrequest',
            index=models.Index(condition=models.Q(('forwarded_on__isnull', False)), fields=['forwarded_on'], name='request_forwarded_on'),
        ),
    ]
