"""Teacher side: the class dashboard, printed handouts and LMS or flashcard exports. It reads
learners' results files and the build's lesson data; a learner's kernel never imports it."""
