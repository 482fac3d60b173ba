"""Tables only benchmarks create (in their throwaway database; never migrated)."""

from django.db import models


class BenchmarkOutcome(models.Model):
    """An outcome's searchable text, for the naive ORM ``icontains`` baseline."""

    title = models.CharField(max_length=300)
    keywords = models.CharField(max_length=300)
    summary = models.TextField()
    body = models.TextField()

    class Meta:
        app_label = "benchmarks"
        managed = False

    def __str__(self) -> str:
        return self.title
