package org.bluelamp.contract;

/** How a source's files arrive in landing, which decides what a data interval reads. */
public enum Layout {
  /** One or more files per day, a yyyy-MM-dd date in each name: an interval reads its days. */
  DAILY,
  /** The whole layer each time (boundaries, code tables): every run reads every file. */
  SNAPSHOT
}
