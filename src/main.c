/*
 * main.c - command dispatch (filled in with the commands).
 */
#include <stdio.h>

int main(void)
{
    puts("torikumi: under construction");
    return 0;
}
