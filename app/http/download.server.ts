// A download that cannot be made (a stored letter whose file is missing after a restore, a PDF that failed to
// render) sends the person to a page in the service's style that says so and links back to where they were,
// instead of a bare "Unexpected Server Error" or a file cut short. Responses thrown on purpose (403, 404) pass through.
import { redirect } from 'react-router'

export const DOWNLOAD_PROBLEM_PATH = '/download-problem'

const isThrownOnPurpose = (error: unknown) =>
	error instanceof Response || (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'DataWithResponseInit')

export async function download(back: string, make: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await make()
	} catch (error) {
		if (isThrownOnPurpose(error)) throw error
		console.error(`A download could not be made (back to ${back})`, error)
		return redirect(`${DOWNLOAD_PROBLEM_PATH}?back=${encodeURIComponent(back)}`, 303)
	}
}
