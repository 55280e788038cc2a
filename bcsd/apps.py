from django.apps import AppConfig


class BcsdConfig(AppConfig):
    name = "bcsd"
    verbose_name = "BCSD"
