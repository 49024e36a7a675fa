"""Which team a log's word names (docs/import.md, "Teams").

A team Heard has, in any capitals, is that team; a word the council has said means a team
(or "add it as a new team") is as it said. Any other word is a new team, named in the
summary, unless it is close to a team Heard has ("Fostering team" beside "Fostering",
"Fostring"): then the import asks which it is, once, and keeps the answer for every later
import, so a second spelling never splits one team in two unseen.
"""

from __future__ import annotations

import difflib
import functools

from heard.core.models import Team
from heard.imports import cells
from heard.imports.cells import UnknownWord

TEAM_VOCABULARY = "team"
#: The answer that adds the word as a new team (created with the first case about it).
NEW_TEAM = "new"
#: How alike two names must be (difflib's ratio) for the import to ask.
CLOSE = 0.85


class TeamMatcher:
    def __init__(self) -> None:
        teams = list(Team.objects.values_list("pk", "name"))
        self.by_key = {cells.key(name): name for _, name in teams}
        self.by_pk = {str(pk): name for pk, name in teams}

    def read(self, value: object) -> str:
        """The team's name as Heard holds it, or the word for a new team ("" for none)."""
        word = cells.text(value)[:120]
        wanted = cells.key(word)
        if not wanted:
            return ""
        if wanted in self.by_key:
            return self.by_key[wanted]
        meaning = cells.council_meaning(TEAM_VOCABULARY, word)
        if meaning == NEW_TEAM:
            return word
        if meaning in self.by_pk:
            return self.by_pk[meaning]
        if self.close_to(wanted):
            raise UnknownWord([(TEAM_VOCABULARY, word)])
        return word

    @functools.lru_cache(maxsize=4096)  # noqa: B019  (one matcher per import)
    def close_to(self, wanted: str) -> bool:
        """Whether a team Heard has could be what the word means."""
        for held in self.by_key:
            if held.startswith(wanted) or wanted.startswith(held):
                return True
        return bool(difflib.get_close_matches(wanted, self.by_key, n=1, cutoff=CLOSE))


def team_answers() -> list[tuple[str, str]]:
    """What a team word may mean: a team Heard has, or a new team."""
    held = [(str(pk), name) for pk, name in Team.objects.values_list("pk", "name")]
    return [*held, (NEW_TEAM, "Add it as a new team")]
