"""The baseline for the start-up benchmark: the smallest Textual app that shows one Markdown page."""

from textual.app import App, ComposeResult
from textual.widgets import Markdown

PAGE = """\
# Baseline page

Le **transfer learning** a révolutionné le NLP : on réutilise les connaissances d'un modèle
pré-entraîné et on les adapte à une tâche précise.

- Pré-entraînement
- Fine-tuning
- Déploiement
"""


class MinimalApp(App[None]):
    """One Markdown page, nothing else."""

    def compose(self) -> ComposeResult:
        yield Markdown(PAGE)


if __name__ == "__main__":
    MinimalApp().run()
