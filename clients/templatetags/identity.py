from django import template

from clients.rules import format_insz

register = template.Library()
register.filter("insz", format_insz)
