"""Where the windows meet the services: each module builds what one part of the app needs
from the store that is open."""
