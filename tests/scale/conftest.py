import pytest

from portal.scale import scale_seed

SMALL = {"reports": 150, "people": 80, "meetings": 12, "desa_binaan": 5, "agencies": 6,
         "users": 12, "offices": 2, "region_codes": ["35.06.03"]}


@pytest.fixture
def small_scale(db):
    """The seed_scale data set at a size a test can afford: one district's villages."""
    return scale_seed(**SMALL)
