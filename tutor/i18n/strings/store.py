"""Words about the progress store: damaged, read-only or full databases, learner names."""

from __future__ import annotations

STORE_STRINGS: dict[str, dict[str, object]] = {
    # -- opening the learner's database (shown after "tutor: ") -----------------------------------
    "store.cannot_create": {"fr": "impossible de créer {path} : {reason}", "en": "cannot create {path}: {reason}"},
    "store.cannot_open": {"fr": "impossible d'ouvrir {path} : {reason}", "en": "cannot open {path}: {reason}"},
    "store.dangling_link": {
        "fr": "lien symbolique vers un fichier absent ; tutor ne crée pas de base de progression ailleurs",
        "en": "a symbolic link to a missing file; tutor does not create a progress database elsewhere",
    },
    "store.newer": {
        "fr": "{path} a été écrit par un tutor plus récent (schéma {version}, celui-ci connaît {known}) ; "
              "mettez tutor à jour pour l'utiliser",
        "en": "{path} was written by a newer tutor (schema {version}, this one knows {known}); "
              "upgrade tutor to use it",
    },
    # -- damage: what is wrong (the {reason} of the messages below) --------------------------------
    "store.reason.negative_version": {"fr": "numéro de schéma négatif ({version})",
                                      "en": "negative schema version ({version})"},
    "store.reason.schema": {
        "fr": "le schéma {version} ne correspond pas à ses tables (il manque {missing})",
        "en": "schema {version} does not match its tables ({missing} missing)",
    },
    # -- damage: what tutor did about it ------------------------------------------------------------
    "store.moved_aside": {
        "fr": "{path} : la base de progression était endommagée ({reason}) ; elle a été conservée sous "
              "{aside} et une nouvelle base a été commencée.",
        "en": "{path}: the progress database was damaged ({reason}); it was kept as {aside} and a new "
              "one was started.",
    },
    "store.moved_aside_elsewhere": {
        "fr": "{path} : la base de progression était endommagée ; un autre tutor l'a conservée (à côté, sous le "
              "nom {pattern}) et en a commencé une nouvelle.",
        "en": "{path}: the progress database was damaged; another tutor kept it (next to it, as {pattern}) "
              "and started a new one.",
    },
    "store.cannot_move_aside": {
        "fr": "{path} : base endommagée ({reason}), impossible de la mettre de côté : {error}",
        "en": "{path}: damaged ({reason}) and cannot be moved aside: {error}",
    },
    "store.damaged_kept": {
        "fr": "{path} : la base de progression est endommagée ({reason}) ; rien n'a été exporté et elle n'a pas "
              "été modifiée. Lancez tutor : il la conservera à côté et en commencera une nouvelle.",
        "en": "{path}: the progress database is damaged ({reason}); nothing was exported and it was left as "
              "it is. Start tutor: it will keep it aside and start a new one.",
    },
    "store.damaged_now": {
        "fr": "{path} : la base de progression est endommagée ({reason}) ; au prochain lancement, tutor la "
              "conservera à côté et en commencera une nouvelle.",
        "en": "{path}: the progress database is damaged ({reason}); the next time tutor starts it will keep "
              "it aside and start a new one.",
    },
    # -- learner names (`--learner`, TUTOR_LEARNER, the login name) --------------------------------
    "store.learner.too_long": {
        "fr": "le nom d'apprenant est trop long ({count} caractères, {limit} au plus)",
        "en": "the learner name is too long ({count} characters, at most {limit})",
    },
    "store.learner.control": {
        "fr": "le nom d'apprenant contient un caractère de contrôle ou un saut de ligne ({codes})",
        "en": "the learner name holds a control character or a line break ({codes})",
    },
}
