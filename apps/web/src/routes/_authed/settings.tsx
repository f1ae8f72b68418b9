// Settings: API tokens and webhooks for everyone; the instance's text engine for its
// admins (the API answers 403 to the others, and the page leaves that section out).
import { createFileRoute } from '@tanstack/react-router'
import { errorCode } from '../../api/errors'
import {
  apiTokensListOptions,
  settingsGetOptions,
  webhooksListOptions,
} from '../../api/gen/@tanstack/react-query.gen'
import { SettingsPage } from '../../ui/settings/settings-page'

export const Route = createFileRoute('/_authed/settings')({
  loader: async ({ context }) => {
    const { queryClient } = context
    await Promise.all([
      queryClient.ensureQueryData(apiTokensListOptions()),
      queryClient.ensureQueryData(webhooksListOptions()),
    ])
    try {
      await queryClient.ensureQueryData(settingsGetOptions())
      return { admin: true }
    } catch (error) {
      if (errorCode(error) === 'forbidden') return { admin: false }
      throw error
    }
  },
  head: () => ({ meta: [{ title: 'Settings · Echo' }] }),
  component: function Settings() {
    const { admin } = Route.useLoaderData()
    return <SettingsPage admin={admin} />
  },
})
