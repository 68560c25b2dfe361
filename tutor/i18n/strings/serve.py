"""Words of `tutor serve`: its token, its refusals and its warnings (see tutor.i18n.strings)."""

from __future__ import annotations

SERVE_STRINGS: dict[str, dict[str, object]] = {
    # -- at start (stderr) -----------------------------------------------------------------------
    "serve.open": {
        "fr": "tutor serve : ouvrez {url} dans un navigateur. Le jeton de cette adresse est la seule clé : "
              "tout utilisateur de cette machine peut joindre {address}, ne le donnez à personne. "
              "Ctrl+C arrête le serveur.",
        "en": "tutor serve: open {url} in a browser. The token in this address is the only key: every user "
              "of this machine can reach {address}, so give it to no one. Ctrl+C stops the server.",
    },
    "cli.serve.exposed": {
        "fr": "tutor serve : ATTENTION : écoute sur {host}:{port}, joignable depuis d'autres machines, en HTTP "
              "sans chiffrement (le jeton et tout ce qui s'affiche passent en clair sur le réseau). Quiconque a "
              "l'adresse avec son jeton et peut joindre {host}:{port} obtient une session tutor exécutée sous "
              "l'utilisateur {user}, comme apprenant {learner} : il voit et modifie sa progression, ses "
              "révisions et ses résultats de quiz et d'examen (il peut passer un examen sous ce nom), utilise "
              "les simulateurs, enregistre leurs exports dans {data_dir} et ne peut charger de fichier que "
              "{files}. Au plus {sessions} sessions à la fois (environ 50 Mio chacune). Pour limiter qui peut "
              "se connecter, gardez --host 127.0.0.1 par défaut et passez par un tunnel SSH "
              "(ssh -L {port}:127.0.0.1:{port} CETTE-MACHINE), ou par un pare-feu.",
        "en": "tutor serve: WARNING: listening on {host}:{port}, reachable from other machines, over HTTP with "
              "no encryption (the token and everything shown cross the network in clear). Anyone who has the "
              "address with its token and can reach {host}:{port} gets a tutor session running as user {user}, "
              "as learner {learner}: they see and change that learner's progress, reviews and quiz/exam "
              "results (they can sit an exam in that name), use the simulators, save their exports under "
              "{data_dir}, and can load files {files} only. At most {sessions} sessions at once (about 50 MiB "
              "each). To limit who can connect, keep the default --host 127.0.0.1 and use an SSH tunnel "
              "(ssh -L {port}:127.0.0.1:{port} THIS-HOST), or a firewall.",
    },
    "serve.files.none": {"fr": "d'aucun dossier (sans --files-dir, le chargement est désactivé)",
                         "en": "from nowhere (without --files-dir, file loading is off)"},
    "serve.files.dir": {"fr": "de {path} et ses sous-dossiers", "en": "from {path} and below"},
    # -- option errors (one line, exit 2) ---------------------------------------------------------
    "serve.bad_token": {
        "fr": "{option} : un jeton de {low} à {high} caractères parmi A-Z a-z 0-9 . _ ~ - est attendu "
              "({length} caractères donnés)",
        "en": "{option}: expected a token of {low} to {high} characters among A-Z a-z 0-9 . _ ~ - "
              "({length} characters given)",
    },
    "serve.not_sessions": {"fr": "pas un nombre de sessions : {value} (1-64 attendu)",
                           "en": "not a number of sessions: {value} (expected 1-64)"},
    "serve.sessions_range": {"fr": "nombre de sessions hors limites : {value} (1-64 attendu)",
                             "en": "number of sessions out of range: {value} (expected 1-64)"},
    "serve.files_dir": {"fr": "--files-dir {path} : pas un dossier lisible ({reason})",
                        "en": "--files-dir {path}: not a readable directory ({reason})"},
    "serve.not_a_directory": {"fr": "ce n'est pas un dossier", "en": "not a directory"},
    # -- HTTP refusals (text shown by the browser) ----------------------------------------------------
    "serve.refused.token": {
        "fr": "403 : cette adresse demande le jeton affiché par « tutor serve » (…/?token=…).",
        "en": "403: this address needs the token printed by `tutor serve` (…/?token=…).",
    },
    "serve.refused.host": {
        "fr": "403 : l'en-tête Host {host} ne désigne pas ce serveur.",
        "en": "403: the Host header {host} does not name this server.",
    },
    "serve.refused.origin": {
        "fr": "403 : WebSocket refusé : l'origine {origin} n'est pas une page de ce serveur.",
        "en": "403: WebSocket refused: origin {origin} is not a page of this server.",
    },
    "serve.refused.full": {
        "fr": {"one": "503 : la session permise est déjà ouverte ({count} au plus) : fermez un onglet, puis "
                      "rechargez cette page.",
               "other": "503 : les {count} sessions permises sont toutes ouvertes : fermez un onglet, puis "
                        "rechargez cette page."},
        "en": {"one": "503: the one session allowed ({count} at most) is already open: close a tab, then "
                      "reload this page.",
               "other": "503: all {count} sessions allowed are open: close a tab, then reload this page."},
    },
    # -- help ------------------------------------------------------------------------------------
    "help.metavar.token": {"fr": "JETON", "en": "TOKEN"},
    "help.serve.token": {
        "fr": "jeton fixe ({low} caractères ou plus), par ex. pour des scripts ; défaut : TUTOR_SERVE_TOKEN, "
              "sinon un jeton aléatoire. Préférez la variable : la ligne de commande est visible de tous (ps)",
        "en": "a fixed token ({low} characters or more), e.g. for scripts; default: TUTOR_SERVE_TOKEN, else "
              "a random one. Prefer the variable: command lines are visible to every user (ps)",
    },
    "help.serve.max_sessions": {"fr": "sessions (onglets) ouvertes à la fois, 1-64 (4)",
                                "en": "sessions (browser tabs) open at once, 1-64 (4)"},
    "help.serve.files_dir": {
        "fr": "seul dossier où le calculateur de métriques peut charger des fichiers (défaut : aucun, "
              "chargement désactivé dans le navigateur)",
        "en": "the only directory the metrics calculator may load files from (default: none, file "
              "loading off in the browser)",
    },
}
