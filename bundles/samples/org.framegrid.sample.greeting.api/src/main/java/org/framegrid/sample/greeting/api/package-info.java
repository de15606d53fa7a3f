/** The sample greeting API: what the demo and the hot-deploy tests swap at run time. */
@Export
@Version("1.0.0")
package org.framegrid.sample.greeting.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
