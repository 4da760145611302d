import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import GROUP_NAMES, Role, assign_role, is_office_staff, role_of


@pytest.mark.django_db
def test_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())


@pytest.mark.django_db
def test_roles_come_from_groups(officer, supervisor, polres_member, admin_user):
    assert role_of(officer) == Role.OFFICER
    assert role_of(supervisor) == Role.SUPERVISOR
    assert role_of(polres_member) == Role.AGENCY_MEMBER
    assert role_of(admin_user) is None
    assert is_office_staff(officer) and is_office_staff(supervisor)
    assert not is_office_staff(polres_member)


@pytest.mark.django_db
def test_assign_role_replaces_the_previous_role(officer):
    assign_role(officer, Role.SUPERVISOR)
    officer.refresh_from_db()
    assert role_of(officer) == Role.SUPERVISOR
    assert officer.groups.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("user_fixture", "agency", "role"), [
    ("officer", "Kantor Imigrasi Kelas II Non TPI Kediri", "Petugas"),
    ("supervisor", "Kantor Imigrasi Kelas II Non TPI Kediri", "Supervisor"),
    ("polres_member", "Kepolisian Resor Kediri", "Anggota instansi"),
])
def test_dashboard_shows_agency_and_role(client, request, user_fixture, agency, role):
    client.force_login(request.getfixturevalue(user_fixture))
    page = client.get(reverse("dashboard")).content.decode()
    assert agency in page
    assert role in page


@pytest.mark.django_db
def test_navigation_shows_admin_only_to_staff(client, officer, admin_user):
    client.force_login(officer)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    client.force_login(admin_user)
    assert 'href="/admin/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_admin_manages_agencies_and_users_with_search_and_filters(client, admin_user, officer,
                                                                  polres_member):
    client.force_login(admin_user)
    page = client.get("/admin/accounts/agency/", {"q": "Polres"}).content.decode()
    assert "Polres Kediri" in page
    assert "Kanim Kediri" not in page
    page = client.get("/admin/auth/user/", {"role": "Agency member"}).content.decode()
    assert ">polres<" in page
    assert ">officer<" not in page
    assert client.get(f"/admin/auth/user/{officer.pk}/change/").status_code == 200
    assert client.get("/admin/accounts/profile/").status_code == 200
