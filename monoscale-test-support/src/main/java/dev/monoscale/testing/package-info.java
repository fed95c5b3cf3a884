/** For tests only: the committed fixtures and the optional shared datasets, found one way for every module. */
@NullMarked
package dev.monoscale.testing;

import org.jspecify.annotations.NullMarked;
