/**
 * JSON APIs on a trickle server, written once for every node role: {@link org.framegrid.trickle.json.JsonRoutes}
 * matches {@code METHOD /path/{param}} routes, reads request bodies as JSON objects, writes replies (amounts as
 * decimal strings) and turns an {@link org.framegrid.trickle.json.HttpProblem} into the one-line
 * {@code {"error": "..."}} reply every API answers with. Plain Java over Jackson, whose types do not appear here.
 */
@Export
@Version("1.1.0")
package org.framegrid.trickle.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
