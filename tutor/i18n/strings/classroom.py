"""Words of a class on one host: `tutor class`, the class directory's checks, publishing, the dashboard."""

from __future__ import annotations

CLASSROOM_STRINGS: dict[str, dict[str, object]] = {
    # -- the class directory: what is wrong with it (learner side, dashboard, `tutor class init`) --------
    "class.setup.missing": {"fr": "{path} n'existe pas", "en": "{path} does not exist"},
    "class.setup.unusable": {"fr": "{path} est inutilisable : {reason}", "en": "{path} cannot be used: {reason}"},
    "class.setup.not_dir": {"fr": "{path} n'est pas un dossier", "en": "{path} is not a directory"},
    "class.setup.not_writable": {
        "fr": "impossible de créer un fichier dans {path} (il faut le droit -wx pour les autres, mode 3773)",
        "en": "cannot create a file in {path} (others need -wx on it, mode 3773)",
    },
    "class.setup.not_sticky": {
        "fr": "{path} n'a pas le bit sticky (mode {mode}) : un apprenant pourrait effacer ou remplacer le fichier "
              "d'un autre ; l'enseignant relance « tutor class init {path} »",
        "en": "{path} is not sticky (mode {mode}): a learner could remove or replace another's file; "
              'the instructor runs "tutor class init {path}" again',
    },
    "class.setup.not_setgid": {
        "fr": "{path} n'a pas le bit setgid (mode {mode}) : les fichiers des apprenants n'iraient pas au groupe de "
              "l'enseignant ; l'enseignant relance « tutor class init {path} »",
        "en": "{path} is not setgid (mode {mode}): learners' files would not get the instructor's group; "
              'the instructor runs "tutor class init {path}" again',
    },
    "class.setup.others_read": {
        "fr": "{path} peut être listé par les apprenants (mode {mode}) ; l'enseignant relance "
              "« tutor class init {path} »",
        "en": '{path} can be listed by learners (mode {mode}); the instructor runs "tutor class init {path}" again',
    },
    "class.setup.others_cannot_write": {
        "fr": "les apprenants ne peuvent pas y déposer leurs résultats (mode {mode}, il faut 3773) ; "
              "relancez « tutor class init {path} »",
        "en": 'learners cannot put their results there (mode {mode}, 3773 is needed); run "tutor class init {path}" '
              "again",
    },
    "class.setup.in_group": {
        "fr": "vous êtes membre du groupe « {group} » de {path} : les autres membres pourraient lire vos résultats ; "
              "prévenez l'enseignant",
        "en": 'you are a member of the group "{group}" of {path}: its other members could read your results; '
              "tell the instructor",
    },
    "class.setup.squatted": {
        "fr": "{file} existe et ne vous appartient pas (propriétaire : {owner}) : quelqu'un a pris votre nom ; "
              "prévenez l'enseignant",
        "en": "{file} exists and is not yours (owner: {owner}): someone took your name; tell the instructor",
    },
    "class.setup.no_login": {
        "fr": "votre compte n'a pas de nom de connexion utilisable",
        "en": "your account has no usable login name",
    },
    "class.setup.not_listable": {"fr": "impossible de lister {path} : {reason}", "en": "cannot list {path}: {reason}"},
    "class.setup.unreachable": {
        "fr": "les apprenants ne peuvent pas atteindre {path} : {parent} ne leur est pas traversable "
              "(chmod o+x {parent})",
        "en": "learners cannot reach {path}: they cannot pass through {parent} (chmod o+x {parent})",
    },
    "class.learner_off": {
        "fr": "classe {path} : {reason}. Votre progression reste sur cet ordinateur seulement.",
        "en": "class {path}: {reason}. Your progress stays on this computer only.",
    },
    "class.settings.bad_dir": {"fr": "class_dir est le chemin d'un dossier, pas {value}",
                               "en": "class_dir must be the path of a directory, not {value}"},
    # -- `tutor class init` -------------------------------------------------------------------------------
    "class.init.unknown_group": {"fr": "aucun groupe ne s'appelle « {group} »", "en": 'no group is named "{group}"'},
    "class.init.cannot": {"fr": "impossible de préparer {path} : {reason}", "en": "cannot set up {path}: {reason}"},
    "class.init.not_yours": {
        "fr": "{path} existe et appartient à {owner} : choisissez un dossier à vous",
        "en": "{path} exists and belongs to {owner}: choose a directory of your own",
    },
    "class.init.not_member": {
        "fr": "impossible de donner {path} au groupe « {group} » : vous n'en êtes pas membre",
        "en": 'cannot give {path} to the group "{group}": you are not a member of it',
    },
    "class.init.done": {
        "fr": "Dossier de classe {path} prêt : groupe « {group} », mode {mode}.",
        "en": 'Class directory {path} ready: group "{group}", mode {mode}.',
    },
    "class.init.next": {
        "fr": "Apprenants : export TUTOR_CLASS={path} (ou class_dir dans leur fichier de réglages). "
              "Tableau de bord : tutor class {path}",
        "en": "Learners: export TUTOR_CLASS={path} (or class_dir in their settings file). "
              "Dashboard: tutor class {path}",
    },
    "class.warning": {"fr": "attention : {message}", "en": "warning: {message}"},
    # -- publishing (learner side) ---------------------------------------------------------------------------
    "class.publish.failed": {"fr": "impossible d'écrire {path} : {reason}", "en": "cannot write {path}: {reason}"},
    "class.publish.store": {"fr": "progression illisible : {reason}", "en": "progress unreadable: {reason}"},
    "class.publish.late": {
        "fr": "la dernière publication vers {path} n'a pas abouti à temps",
        "en": "the last publication to {path} did not finish in time",
    },
    "class.exit.not_published": {
        "fr": "vos derniers résultats ne sont pas dans le dossier de classe {path} ({reason}) ; vos réponses sont "
              "enregistrées sur cet ordinateur et partiront au prochain lancement.",
        "en": "your latest results are not in the class directory {path} ({reason}); your answers are saved on "
              "this computer and will be sent the next time tutor starts.",
    },
    # -- a learner's file the dashboard does not show (after "FILE: ") -------------------------------------
    "class.file.at": {"fr": "{file} : {reason}", "en": "{file}: {reason}"},
    "class.file.bad_name": {"fr": "ce nom n'est pas celui d'un compte", "en": "not named after a login"},
    "class.file.no_user": {"fr": "aucun compte ne s'appelle « {login} »", "en": 'no account is named "{login}"'},
    "class.file.not_regular": {
        "fr": "ce n'est pas un fichier ordinaire (lien symbolique, tube…) : ignoré",
        "en": "not a regular file (symbolic link, pipe…): ignored",
    },
    "class.file.cannot_read": {"fr": "lecture impossible : {reason}", "en": "cannot read: {reason}"},
    "class.file.wrong_owner": {
        "fr": "appartient à {owner}, pas à {login} : quelqu'un a pris ce nom",
        "en": "belongs to {owner}, not to {login}: someone took this name",
    },
    "class.file.too_large": {"fr": "plus de {megabytes} Mo : ignoré", "en": "larger than {megabytes} MB: ignored"},
    "class.file.not_utf8": {"fr": "ce n'est pas du texte UTF-8 (octet {byte})", "en": "not UTF-8 text (byte {byte})"},
    "class.file.bad_json": {"fr": "JSON invalide : {reason}", "en": "broken JSON: {reason}"},
    "class.file.not_snapshot": {
        "fr": "ce n'est pas un fichier de classe tutor (pas de « format » : « {format} »)",
        "en": 'not a tutor class file (no "format": "{format}")',
    },
    "class.file.version": {
        "fr": "la version {version} n'est pas prise en charge (ce tutor lit la version {supported})",
        "en": "version {version} is not supported (this tutor reads version {supported})",
    },
    "class.file.other_login": {
        "fr": "se dit de « {named} » mais porte le nom de {login}",
        "en": 'says it is "{named}" but is named after {login}',
    },
    "class.file.too_many": {"fr": "{field} : plus de {limit} éléments", "en": "{field}: more than {limit} items"},
    "class.file.earned_above": {
        "fr": "{field} : plus de points gagnés que de points possibles",
        "en": "{field}: more points earned than available",
    },
    "class.file.bad_field": {"fr": "{field} manque ou est invalide", "en": "{field} is missing or invalid"},
    # -- `tutor class` on the command line -------------------------------------------------------------------
    "help.class": {
        "fr": "classe sur un hôte : préparer le dossier (init) ou suivre la classe en direct",
        "en": "a class on one host: set up its directory (init) or watch the class live",
    },
    "help.class.description": {
        "fr": "« tutor class init DOSSIER [--group GROUPE] » prépare le dossier où chaque apprenant publie ses "
              "résultats (TUTOR_CLASS=DOSSIER). « tutor class DOSSIER » ouvre le tableau de bord ; --json et "
              "--format csv donnent les mêmes données aux scripts.",
        "en": '"tutor class init DIR [--group GROUP]" sets up the directory where each learner publishes their '
              'results (TUTOR_CLASS=DIR). "tutor class DIR" opens the dashboard; --json and --format csv give '
              "the same data to scripts.",
    },
    "help.class.words": {"fr": "init DOSSIER, ou DOSSIER", "en": "init DIR, or DIR"},
    "help.class.group": {
        "fr": "groupe qui lit les résultats (init ; par défaut votre groupe principal)",
        "en": "group that reads the results (init; default: your primary group)",
    },
    "help.class.json": {"fr": "la classe en JSON, sans tableau de bord", "en": "the class as JSON, no dashboard"},
    "help.class.format": {"fr": "json ou csv, sans tableau de bord", "en": "json or csv, no dashboard"},
    "class.cli.words": {
        "fr": "attendu : « tutor class init DOSSIER » ou « tutor class DOSSIER »",
        "en": 'expected "tutor class init DIR" or "tutor class DIR"',
    },
    "class.cli.group_needs_init": {
        "fr": "--group ne sert qu'avec « tutor class init DOSSIER »",
        "en": '--group only goes with "tutor class init DIR"',
    },
    "class.cli.output_not_init": {
        "fr": "--json et --format ne servent pas avec « tutor class init »",
        "en": '--json and --format do not go with "tutor class init"',
    },
    "class.cli.no_terminal": {
        "fr": "le tableau de bord a besoin d'un terminal ; pour un script : tutor class {path} --json",
        "en": "the dashboard needs a terminal; for a script: tutor class {path} --json",
    },
    # -- the dashboard -----------------------------------------------------------------------------------------
    "class.title": {"fr": "tutor — classe {path}", "en": "tutor — class {path}"},
    "class.header": {
        "fr": "Apprenants : {learners} · en cours : {running} · lu à {time}",
        "en": "Learners: {learners} · running: {running} · read at {time}",
    },
    "class.watch_stopped": {
        "fr": "suivi en direct arrêté ({reason}) : r pour relire",
        "en": "live updates stopped ({reason}): r to read again",
    },
    "class.tab.mastery": {"fr": "Maîtrise (%)", "en": "Mastery (%)"},
    "class.tab.running": {"fr": "En cours", "en": "Running"},
    "class.tab.questions": {"fr": "Questions", "en": "Questions"},
    "class.tab.problems": {"fr": "Problèmes ({count})", "en": "Problems ({count})"},
    "class.col.learner": {"fr": "Apprenant", "en": "Learner"},
    "class.col.class": {"fr": "Classe", "en": "Class"},
    "class.col.mode": {"fr": "Mode", "en": "Mode"},
    "class.col.bank": {"fr": "Banque", "en": "Bank"},
    "class.col.question": {"fr": "Question", "en": "Question"},
    "class.col.time_left": {"fr": "Reste", "en": "Left"},
    "class.col.idle": {"fr": "Inactif", "en": "Idle"},
    "class.col.facility": {"fr": "Réussite %", "en": "Facility %"},
    "class.col.question_id": {"fr": "Question", "en": "Question"},
    "class.col.topic": {"fr": "Thème", "en": "Topic"},
    "class.col.answers": {"fr": "Réponses", "en": "Answers"},
    "class.col.learners": {"fr": "Apprenants", "en": "Learners"},
    "class.col.discrimination": {"fr": "Discr. %", "en": "Discr. %"},
    "class.col.flags": {"fr": "Alerte", "en": "Flag"},
    "class.flag.negative-discrimination": {"fr": "discr. négative", "en": "negative discr."},
    "class.flag.too-easy": {"fr": "trop facile", "en": "too easy"},
    "class.flag.too-hard": {"fr": "trop difficile", "en": "too hard"},
    "class.reached": {"fr": "{reached}/{total}", "en": "{reached}/{total}"},
    "class.none_yet": {
        "fr": "Aucun apprenant n'a encore publié. Les apprenants lancent tutor avec TUTOR_CLASS={path}.",
        "en": "No learner has published yet. Learners start tutor with TUTOR_CLASS={path}.",
    },
    "class.not_mastered": {"fr": "Pas encore maîtrisé par la classe : {topics}",
                           "en": "Not yet mastered by the class: {topics}"},
    "class.all_mastered": {"fr": "La classe maîtrise chaque thème abordé.",
                           "en": "The class masters every topic it worked on."},
    "class.no_running": {"fr": "Aucun quiz ni examen en cours.", "en": "No quiz or exam running."},
    "class.no_problems": {"fr": "Aucun problème : chaque fichier est lu.", "en": "No problem: every file is read."},
    "class.learner.head": {"fr": "{name} ({login}) · {language} · publié : {time}",
                           "en": "{name} ({login}) · {language} · published: {time}"},
    "class.learner.gone": {
        "fr": "Le fichier de {login} n'est plus lisible (voir l'onglet Problèmes).",
        "en": "The file of {login} cannot be read any more (see the Problems tab).",
    },
    "class.learner.topics": {"fr": "Maîtrise par thème", "en": "Mastery per topic"},
    "class.learner.attempts": {"fr": "Tentatives (les plus récentes d'abord)", "en": "Attempts (newest first)"},
    "class.learner.missed": {"fr": "Questions les moins réussies", "en": "Questions earned least on"},
    "class.learner.none": {"fr": "(rien pour l'instant)", "en": "(nothing yet)"},
    "class.learner.points": {
        "fr": {"one": "{earned}/{max_points} pt · {count} réponse",
               "other": "{earned}/{max_points} pt · {count} réponses"},
        "en": {"one": "{earned}/{max_points} pt · {count} answer",
               "other": "{earned}/{max_points} pt · {count} answers"},
    },
    "class.state.open": {"fr": "en cours", "en": "running"},
    "class.state.finished": {"fr": "terminée", "en": "finished"},
    "class.state.abandoned": {"fr": "abandonnée", "en": "abandoned"},
    "key.class_mastery": {"fr": "Maîtrise", "en": "Mastery"},
    "key.class_running": {"fr": "En cours", "en": "Running"},
    "key.class_questions": {"fr": "Questions", "en": "Questions"},
    "key.class_problems": {"fr": "Problèmes", "en": "Problems"},
    "key.class_rescan": {"fr": "Relire", "en": "Read again"},
    # The grid's column titles: the course's topics in at most six characters (names in full elsewhere).
    "class.topic.transfer-learning": {"fr": "TL", "en": "TL"},
    "class.topic.strategies": {"fr": "Strat.", "en": "Strat."},
    "class.topic.hyperparameters": {"fr": "Hyper.", "en": "Hyper."},
    "class.topic.bert": {"fr": "BERT", "en": "BERT"},
    "class.topic.gpt": {"fr": "GPT", "en": "GPT"},
    "class.topic.best-practices": {"fr": "Prat.", "en": "Pract."},
    "class.topic.metrics": {"fr": "Métr.", "en": "Metr."},
    "class.topic.sft": {"fr": "SFT", "en": "SFT"},
    "class.topic.preference": {"fr": "Préf.", "en": "Pref."},
    "class.topic.quantisation": {"fr": "QLoRA", "en": "QLoRA"},
    "class.topic.approach": {"fr": "Appr.", "en": "Appr."},
    "class.topic.forgetting": {"fr": "Oubli", "en": "Forget"},
    "class.topic.llm-evaluation": {"fr": "Éval.", "en": "Eval."},
    "class.topic.encoders": {"fr": "Enc.", "en": "Enc."},
    "class.topic.responsible": {"fr": "Resp.", "en": "Resp."},
}
