package dev.vigil.simulator.generate;

/**
 * A customer with one card and one account: where they live, how active they are (transactions a
 * day; a few are very active, the hot keys), how much they usually spend (the median and spread of
 * a log-normal), their usual merchants, their devices, and whether the account is a small
 * business (many transfers in and out: the texture a mule rule must not fire on).
 */
record Customer(int index, String card, String account, City home, double txnsPerDay, double medianCents,
                double sigma, int[] usualMerchants, String device, boolean business, int payday) {}
