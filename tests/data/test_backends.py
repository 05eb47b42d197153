"""The same account work on both backends (a SQLite file, a PostgreSQL server database): open, create,
list, search, sort, count, edit, set a password, delete; the audit chain and the last-administrator guard
with two workspaces writing at once; failures told as sentences that never hold a password."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.user_queries import UserSort
from homelog_desktop.errors import ConflictError, DatabaseError, LastAdministratorError
from homelog_desktop.server_errors import (
    ServerBusyError,
    ServerDatabaseMissingError,
    ServerSignInError,
    ServerUnreachableError,
)
from homelog_desktop.services.sign_in import SignInReason
from homelog_desktop.services.workspace import Workspace
from tests.helpers.postgres import (
    HOMELOG_ANN_PASSWORD,
    admin_connect,
    create_homelog_schema,
    fresh_database,
    require_server,
)
from tests.helpers.workspaces import GOOD_PASSWORD, open_workspace

pytestmark = pytest.mark.asyncio


async def test_accounts_are_created_listed_searched_sorted_edited_and_deleted(backend: DatabaseLocation) -> None:
    async with open_workspace(backend) as workspace:
        accounts = workspace.accounts
        ann = await accounts.create("ann.garcia@example.org", "Ann", GOOD_PASSWORD)
        await accounts.create("Bob@example.org", "bob")
        await accounts.create("cy@example.org", None)
        assert await accounts.count() == 3
        assert [a.email for a in await accounts.list_page(search="GARC")] == ["ann.garcia@example.org"]
        assert await accounts.count("garc") == 1
        by_email = [a.email for a in await accounts.list_page(sort=UserSort.EMAIL)]
        assert by_email == ["ann.garcia@example.org", "Bob@example.org", "cy@example.org"]
        everyone = {a.id for a in await accounts.list_page()}
        for sort in UserSort:
            for descending in (False, True):
                first = await accounts.list_page(sort=sort, descending=descending, limit=2)
                assert len(first) == 2
                key = first[-1].page_key
                assert key is not None
                rest = await accounts.list_page(sort=sort, descending=descending, after=key, limit=5)
                assert [a.id for a in first] + [a.id for a in rest] != [] and len(first) + len(rest) == 3
                assert {a.id for a in first} | {a.id for a in rest} == everyone
        edited = await accounts.update(ann.id, email="ann@example.org", username="Ann G", based_on=ann)
        assert (edited.email, edited.username) == ("ann@example.org", "Ann G")
        with pytest.raises(ConflictError):  # an edit based on what the account was before
            await accounts.update(ann.id, email="ann2@example.org", username="Ann", based_on=ann)
        await accounts.set_password(ann.id, "another " + GOOD_PASSWORD)
        assert await accounts.check_password(ann.id, "another " + GOOD_PASSWORD)
        await accounts.delete(ann.id, based_on=edited)
        assert await accounts.count() == 2


async def test_the_last_administrator_cannot_be_raced_away_by_two_writers(backend: DatabaseLocation) -> None:
    async with open_workspace(backend) as first:
        ann = await first.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
        bob = await first.accounts.create("bob@example.org", "Bob", GOOD_PASSWORD)
        await first.roles.make_first_administrator(ann.id)
        await first.roles.set_role(bob.id, "administrator")
        async with open_workspace(backend) as second:
            results = await asyncio.gather(
                first.roles.disable(ann.id), second.roles.disable(bob.id), return_exceptions=True
            )
            refused = [r for r in results if isinstance(r, Exception)]
            assert len(refused) == 1 and isinstance(refused[0], LastAdministratorError), results
            assert await second.roles.count_administrators() >= 1


async def test_the_audit_chain_does_not_fork_with_two_writers(backend: DatabaseLocation) -> None:
    async with open_workspace(backend) as first, open_workspace(backend) as second:
        await asyncio.gather(*(
            workspace.accounts.create(f"user{i}@example.org", f"user {i}")
            for i in range(12) for workspace in ((first, second)[i % 2],)
        ))
        assert await first.audit.count_history() == 12
        assert await second.audit.verify_chain() == (True, None)


@pytest.mark.postgres
async def test_a_wrong_password_a_missing_database_and_no_server_are_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = require_server()
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parts.hostname}:{parts.port}:*:{parts.username}:not-the-password\n", "utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    where = f"postgresql://{parts.username}@{parts.hostname}:{parts.port}"
    with pytest.raises(ServerSignInError) as refused:
        await Workspace.open(DatabaseLocation.parse(f"{where}/homelog_test"))
    assert "not-the-password" not in str(refused.value) and parts.password not in str(refused.value)
    pgpass.write_text(f"{parts.hostname}:{parts.port}:*:{parts.username}:{parts.password}\n", "utf-8")
    with pytest.raises(ServerDatabaseMissingError):
        await Workspace.open(DatabaseLocation.parse(f"{where}/no_such_database"))
    with pytest.raises(ServerUnreachableError) as unreachable:
        await Workspace.open(DatabaseLocation.parse(f"postgresql://{parts.username}@127.0.0.1:1/homelog_test"))
    assert isinstance(unreachable.value, DatabaseError)
    assert "127.0.0.1:1/homelog_test" in str(unreachable.value)


@pytest.mark.postgres
async def test_a_homelog_database_on_a_server_is_listed_searched_sorted_and_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location) as workspace:
            accounts = workspace.accounts
            assert [a.email for a in await accounts.list_page(sort=UserSort.EMAIL, descending=True)] == [
                "harry@example.org", "ann@example.org"]
            assert await accounts.check_password(1, HOMELOG_ANN_PASSWORD)  # home-log's Argon2id hash
            assert workspace.hasher.scheme == "argon2id"
            assert [a.email for a in await accounts.list_page(search="harr")] == ["harry@example.org"]
            cy = await accounts.create("cy@example.org", None, GOOD_PASSWORD)  # no name: '' (NOT NULL)
            assert cy.id == 3 and cy.username is None
            await accounts.set_password(2, GOOD_PASSWORD)
            assert (await accounts.get(2)).has_password
            for sort in UserSort:
                assert len(await accounts.list_page(sort=sort)) == 3
            await accounts.delete(2)
        with admin_connect(location) as connection:
            assert connection.execute("SELECT owner_id FROM data_sources").fetchone() == (None,)
            stored = connection.execute("SELECT hashed_password FROM user_passwords WHERE user_id = 3").fetchone()
            assert stored is not None and stored[0].startswith("$argon2id$")
            assert PasswordHasher().verify(stored[0], GOOD_PASSWORD)  # as home-log's security.verify_password
            assert connection.execute("SELECT username FROM users WHERE id = 3").fetchone() == ("",)


@pytest.mark.postgres
async def test_a_role_that_may_not_migrate_opens_read_only_told_which_privilege_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location, owner="postgres")  # home-log's tables belong to another role
        with admin_connect(location) as connection:
            connection.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO homelog")
        async with open_workspace(location) as workspace:
            assert workspace.read_only
            assert any("homelog-admin migrate" in warning for warning in workspace.warnings)
            assert [a.email for a in await workspace.accounts.list_page()] == ["ann@example.org", "harry@example.org"]
            assert await workspace.roles.count_administrators() == 0  # through the stand-ins
            with pytest.raises(DatabaseError):
                await workspace.accounts.create("cy@example.org", "Cy")


@pytest.mark.postgres
async def test_a_role_that_may_only_read_opens_read_only_naming_the_privileges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location) as workspace:  # prepared by its owner
            await workspace.accounts.create("cy@example.org", "Cy")
        viewer_role = f"viewer_{uuid.uuid4().hex[:12]}"  # roles are the server's, shared by parallel tests
        with admin_connect(location) as connection:
            connection.execute(f"CREATE ROLE {viewer_role} LOGIN PASSWORD 'viewer-pw'")
            connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewer_role}")
        pgpass = tmp_path / "pgpass"
        host_port = ":".join(pgpass.read_text("utf-8").split(":")[:2])
        pgpass.write_text(pgpass.read_text("utf-8") + f"{host_port}:*:{viewer_role}:viewer-pw\n", "utf-8")
        viewer = DatabaseLocation.parse((location.conninfo or "").replace("//homelog@", f"//{viewer_role}@"))
        try:
            async with open_workspace(viewer) as workspace:
                assert workspace.read_only
                assert any("INSERT, UPDATE and DELETE" in warning for warning in workspace.warnings)
                assert await workspace.accounts.count() == 3
                assert "viewer-pw" not in " ".join(workspace.warnings)
        finally:
            with admin_connect(location) as connection:
                connection.execute(f"DROP OWNED BY {viewer_role}")
                connection.execute(f"DROP ROLE {viewer_role}")


@pytest.mark.postgres
async def test_a_daily_role_with_the_readme_grants_manages_accounts_on_a_prepared_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location):  # the owner prepares it (homelog-admin migrate)
            pass
        daily = f"daily_{uuid.uuid4().hex[:12]}"
        readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
        grants = readme.split("Then a daily administrator role needs only:\n\n```sql\n", 1)[1].split("```", 1)[0]
        with admin_connect(location) as connection:
            connection.execute(f"CREATE ROLE {daily} LOGIN PASSWORD 'daily-pw'")
            connection.execute(grants.replace("homelog_admin", daily))
        pgpass = tmp_path / "pgpass"
        host_port = ":".join(pgpass.read_text("utf-8").split(":")[:2])
        pgpass.write_text(pgpass.read_text("utf-8") + f"{host_port}:*:{daily}:daily-pw\n", "utf-8")
        try:
            async with open_workspace(
                DatabaseLocation.parse((location.conninfo or "").replace("//homelog@", f"//{daily}@"))
            ) as workspace:
                assert not workspace.read_only, workspace.warnings
                cy = await workspace.accounts.create("cy@example.org", "Cy", GOOD_PASSWORD)
                await workspace.roles.make_first_administrator(cy.id)
                edited = await workspace.accounts.update(2, email="harry@example.net", username="Harry")
                await workspace.accounts.set_password(edited.id, GOOD_PASSWORD)
                deleted = await workspace.accounts.delete(edited.id)
                assert deleted is not None
                assert await workspace.audit.verify_chain() == (True, None)
            with admin_connect(location) as connection:  # home-log's own kind of write, as the daily role
                connection.execute(f"SET ROLE {daily}")
                connection.execute(
                    "INSERT INTO users (email, username, created_at, updated_at) "
                    "VALUES ('dee@example.org', 'Dee', now(), now())"
                )
        finally:
            with admin_connect(location) as connection:
                connection.execute(f"DROP OWNED BY {daily}")
                connection.execute(f"DROP ROLE {daily}")


@pytest.mark.postgres
async def test_a_row_home_log_holds_is_waited_for_then_the_edit_is_refused_as_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("homelog_desktop.data.backends.postgres.LOCK_TIMEOUT_MS", 100)
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location) as workspace:
            async with workspace.database.sessions() as session:
                settings = (await session.execute(text(
                    "SELECT current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout')"
                ))).one()
            assert tuple(settings) == ("100ms", "1min")
            with admin_connect(location) as holder:
                holder.autocommit = False
                holder.execute("UPDATE users SET username = 'Harry H' WHERE id = 2")  # home-log mid-transaction
                with pytest.raises(ServerBusyError) as busy:
                    await workspace.accounts.update(2, email="harry@example.net", username="Harry")
                assert str(location) in str(busy.value)
                holder.rollback()
            edited = await workspace.accounts.update(2, email="harry@example.net", username="Harry")
            assert edited.email == "harry@example.net"


async def test_failed_sign_ins_from_two_writers_are_all_counted_and_a_good_one_resets_them(
    backend: DatabaseLocation,
) -> None:
    async with open_workspace(backend) as first, open_workspace(backend) as second:
        ann = await first.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
        results = await asyncio.gather(*(
            workspace.sign_in.sign_in("ANN@example.org", "wrong " + GOOD_PASSWORD)
            for workspace in (first, second, first, second)
        ))
        assert [result.reason for result in results].count(SignInReason.OK) == 0
        assert (await second.accounts.get(ann.id)).failed_attempts == 4  # none lost to a race
        signed_in = await first.sign_in.check_password(ann.id, GOOD_PASSWORD)
        assert signed_in.reason in (SignInReason.OK, SignInReason.LOCKED)
        unknown = await second.sign_in.sign_in("nobody@example.org", GOOD_PASSWORD)
        assert unknown.reason is SignInReason.WRONG
