"""What every command is given (cli/context.py): the password from stdin never shows in a repr."""

from __future__ import annotations

import pytest

from homelog_desktop.cli.context import CommandContext
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD


@pytest.mark.asyncio
async def test_the_password_never_shows_in_a_repr(workspace: Workspace) -> None:
    context = CommandContext(workspace, GOOD_PASSWORD)
    assert context.needs_password() == GOOD_PASSWORD
    assert GOOD_PASSWORD not in repr(context) and GOOD_PASSWORD not in str(context)
