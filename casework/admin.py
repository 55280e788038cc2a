"""Django's admin autodiscovery imports this module: it loads the admin of each subject package (configuration
data edited by administrators, always with history)."""

from casework.leefloon import admin as leefloon_admin
from casework.obligations import admin as obligations_admin
from casework.register import admin as register_admin
from casework.socialmap import admin as socialmap_admin

__all__ = ["leefloon_admin", "obligations_admin", "register_admin", "socialmap_admin"]
