// The bulk reassignment form on /workload: move some of one caseworker's children to another.
import { z } from 'zod'

export const ReassignSchema = z.object({
	/** The caseworker the children are moving from: a user id, or 'none' for children with no caseworker. */
	from: z.string({ error: 'Choose whose children to move' }).min(1, 'Choose whose children to move').max(64),
	childIds: z.array(z.string().max(64), { error: 'Select the children to move' }).min(1, 'Select the children to move'),
	to: z.string({ error: 'Select the caseworker to move them to' }).min(1, 'Select the caseworker to move them to').max(64),
})
