/*
 * wordmove.h - word boundaries in a field's text, for Ctrl-Left/Right,
 * Alt-b/f and Ctrl-W (no curses).  Japanese has no spaces, so a "word" is
 * a run of one script: Latin letters and digits, hiragana, katakana (ー
 * included), kanji (々 included); blanks and punctuation separate words.
 * Moves go by cluster (a base letter and its combining marks stay one).
 */
#ifndef TORIKUMI_WORDMOVE_H
#define TORIKUMI_WORDMOVE_H

#include <stddef.h>

/* The start of the next word after pos (or n): past this word, then past blanks. */
size_t word_next(const char *s, size_t n, size_t pos);
/* The start of the word before pos (or 0): back over blanks, then over the word. */
size_t word_prev(const char *s, size_t n, size_t pos);

#endif
