#ifndef REPORTD_CFILESYNC_H
#define REPORTD_CFILESYNC_H

/* syncfs(2) is a GNU extension that Swift's Glibc module does not export. */
int reportd_syncfs(int fd);

#endif
