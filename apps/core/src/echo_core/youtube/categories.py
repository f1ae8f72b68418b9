"""YouTube's video categories that uploads may take (videoCategories.list, assignable ones,
the same in every region that has them). Fixed here rather than asked for on every page:
the list has not changed in years, and asking needs a connected channel."""

from typing import NamedTuple


class Category(NamedTuple):
    id: str
    title: str


CATEGORIES = (
    Category("1", "Film & Animation"),
    Category("2", "Autos & Vehicles"),
    Category("10", "Music"),
    Category("15", "Pets & Animals"),
    Category("17", "Sports"),
    Category("19", "Travel & Events"),
    Category("20", "Gaming"),
    Category("22", "People & Blogs"),
    Category("23", "Comedy"),
    Category("24", "Entertainment"),
    Category("25", "News & Politics"),
    Category("26", "Howto & Style"),
    Category("27", "Education"),
    Category("28", "Science & Technology"),
    Category("29", "Nonprofits & Activism"),
)
CATEGORY_IDS = frozenset(category.id for category in CATEGORIES)
# "People & Blogs": YouTube's own default for uploads.
DEFAULT_CATEGORY_ID = "22"
