import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { AdminEditPage } from '#app/components/admin.tsx'
import { Button, summaryErrors, TextArea, TextField, useGovukForm } from '#app/components/forms.tsx'
import { prisma } from '#app/db/db.server.ts'
import { readForm } from '#app/http/request-limits.server.ts'
import { requiredText } from '#app/lib/form-fields.ts'
import { selectOf } from '#app/lib/prisma-select.ts'
import { requireCouncilAdmin, saveCouncilSettings } from '#app/services/admin.server.ts'
import type { Route } from './+types/admin-settings'

const optionalText = (label: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
		.optional()

const optionalEmail = (whose: string) =>
	z
		.string()
		.trim()
		.max(200, `The email address of ${whose} must be 200 characters or fewer`)
		.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter the email address in the correct format, like name@council.gov.uk')
		.optional()

export const SettingsSchema = z.object({
	name: requiredText('Enter the council’s name', 200, 'The council’s name must be 200 characters or fewer'),
	contactEmail: z
		.string({ error: 'Enter the SEN team’s email address' })
		.trim()
		.pipe(z.email('Enter the email address in the correct format, like sen@council.gov.uk').max(200)),
	contactPhone: optionalText('The phone number', 50),
	address: optionalText('The address', 500),
	letterSignatory: optionalText('Who signs letters', 500),
	letterFooter: optionalText('The letter footer', 2000),
	mediationText: optionalText('The mediation wording', 5000),
	iassText: optionalText('The information, advice and support wording', 5000),
	// What the letters must name (app/pdf/statutory-paragraphs.ts)
	localOfferUrl: z
		.string()
		.trim()
		.max(500, 'The Local Offer address must be 500 characters or fewer')
		.refine(
			(v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v),
			'Enter the Local Offer address in the correct format, like https://www.council.gov.uk/local-offer',
		)
		.optional(),
	mediationAdviserContact: optionalText('The mediation adviser’s contact details', 1000),
	mediationContactName: optionalText('The name of the council’s mediation contact', 200),
	mediationContactEmail: optionalEmail('the council’s mediation contact'),
	mediationContactPhone: optionalText('The mediation contact’s phone number', 50),
	healthCommissionerName: optionalText('The health commissioner’s name', 200),
	healthCommissionerEmail: optionalEmail('the health commissioner'),
})

const FIELDS = SettingsSchema.keyof().options

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	const la = await prisma.localAuthority.findUniqueOrThrow({ where: { id: user.laId }, select: selectOf(FIELDS) })
	return { la, saved: new URL(request.url).searchParams.has('saved') }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireCouncilAdmin(request, 'admin:schools')
	const submission = parseWithZod(await readForm(request), { schema: SettingsSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await saveCouncilSettings(request, user, submission.value)
	throw redirect('/admin/settings?saved')
}

export default function Settings() {
	const { la, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useGovukForm({ id: 'settings', schema: SettingsSchema, lastResult: actionData?.result, defaultValue: la })
	const errors = summaryErrors(form.id, form.allErrors, [...FIELDS])
	return (
		<AdminEditPage
			title="Council settings"
			errors={errors}
			back={{ href: '/admin', label: 'Back to administration' }}
			saved={saved && !actionData ? 'The council’s settings have been saved.' : null}
		>
			<Form method="post" {...getFormProps(form)} noValidate>
				<h2 className="govuk-heading-m">Contact details</h2>
				<TextField field={fields.name} label="Council name" hint="As it appears in the header, emails and letters" />
				<TextField
					field={fields.contactEmail}
					label="SEN team email address"
					hint="Families and schools are told to contact this address"
					type="email"
					spellCheck={false}
				/>
				<TextField field={fields.contactPhone} label="SEN team phone number (optional)" type="tel" width="govuk-input--width-20" />
				<TextArea field={fields.address} label="Postal address (optional)" rows={4} />
				<h2 className="govuk-heading-m">Letters and notices</h2>
				<TextArea
					field={fields.letterSignatory}
					label="Who signs letters (optional)"
					hint="Name and job title, for example ‘Daniel Okafor, SEN Manager’"
					rows={2}
				/>
				<TextArea field={fields.letterFooter} label="Letter footer (optional)" hint="Printed at the foot of every letter and notice" rows={3} />
				<TextArea
					field={fields.mediationText}
					label="Mediation (optional)"
					hint="How to contact the council’s mediation service. Decision notices must say that mediation advice must be sought before appealing."
					rows={5}
				/>
				<TextArea
					field={fields.iassText}
					label="Information, advice and support service (optional)"
					hint="How families contact the local SEND information, advice and support service (IASS)"
					rows={5}
				/>
				<h2 className="govuk-heading-m">What the letters must name</h2>
				<p className="govuk-body">
					The law requires these in the council’s letters. Until they are filled in, letters tell families to ask the council for them.
				</p>
				<TextField
					field={fields.localOfferUrl}
					label="Local Offer web address"
					hint="Amendment notices tell families where to find information about schools and colleges (SEND Regulations 2014 reg 22(2)(d))"
					spellCheck={false}
				/>
				<TextArea
					field={fields.mediationAdviserContact}
					label="Mediation adviser’s contact details"
					hint="The independent mediation adviser families contact before appealing: name, phone and email, one per line (reg 32(c))"
					rows={4}
				/>
				<h3 className="govuk-heading-s">The council’s contact for mediation (reg 32(f))</h3>
				<TextField field={fields.mediationContactName} label="Mediation contact’s name and job title" />
				<TextField field={fields.mediationContactEmail} label="Mediation contact’s email address" type="email" spellCheck={false} />
				<TextField field={fields.mediationContactPhone} label="Mediation contact’s phone number" type="tel" width="govuk-input--width-20" />
				<h3 className="govuk-heading-s">Health commissioner</h3>
				<p className="govuk-body">Told when the council decides to cease a plan, and sent every final amended plan (reg 31(2), reg 22(3)(c)).</p>
				<TextField
					field={fields.healthCommissionerName}
					label="Health commissioner’s name"
					hint="For example, the integrated care board’s designated clinical officer for SEND"
				/>
				<TextField field={fields.healthCommissionerEmail} label="Health commissioner’s email address" type="email" spellCheck={false} />
				<Button>Save the settings</Button>
			</Form>
		</AdminEditPage>
	)
}
