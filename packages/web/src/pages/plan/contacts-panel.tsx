import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServedPlan } from '../../api/served-plan';
import { ExampleBadge } from '../../components/example-badge';

interface Person {
  id: string;
  name: string;
  role?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  example: boolean;
}

/** The crisis cell, the contact centre's team and each client's contacts. */
export function ContactsPanel({ plan }: { plan: ServedPlan }) {
  const { t } = useTranslation();
  const team = new Map(plan.team.map((member) => [member.id, member]));
  return (
    <Stack gap="xl">
      {plan.crisisCell && (
        <PeopleSection title={plan.crisisCell.title ?? t('plan.contacts.crisisCell')} id="crisis-cell">
          <PeopleTable
            extraHeader={t('plan.contacts.role')}
            rows={plan.crisisCell.members.flatMap((member) => {
              const person = team.get(member.who);
              return person ? [{ person, extra: t(`plan.contacts.crisisRoles.${member.role}`) }] : [];
            })}
          />
        </PeopleSection>
      )}
      <PeopleSection title={t('plan.contacts.team')} id="team">
        <PeopleTable
          extraHeader={t('plan.contacts.role')}
          rows={plan.team.map((person) => ({ person, extra: person.role ?? t('common.none') }))}
        />
      </PeopleSection>
      {plan.clients.map((client) => (
        <PeopleSection
          key={client.id}
          title={t('plan.contacts.clientContacts', { client: client.name })}
          id={client.id}
        >
          {client.contacts.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('plan.contacts.noContacts')}
            </Text>
          ) : (
            <PeopleTable
              extraHeader={t('plan.contacts.clientTeam')}
              rows={client.contacts.map((person) => ({
                person,
                extra: t(`plan.contacts.clientTeams.${person.team}`),
              }))}
            />
          )}
        </PeopleSection>
      ))}
    </Stack>
  );
}

function PeopleSection({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={`contacts-${id}`}>
      <Title order={2} size="h4" id={`contacts-${id}`}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function PeopleTable({ rows, extraHeader }: { rows: { person: Person; extra: string }[]; extraHeader: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plan.contacts.name')}</Table.Th>
            <Table.Th>{extraHeader}</Table.Th>
            <Table.Th>{t('plan.contacts.email')}</Table.Th>
            <Table.Th>{t('plan.contacts.phone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ person, extra }) => (
            <Table.Tr key={`${person.id}-${extra}`}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {person.name}
                  </Text>
                  {person.example && <ExampleBadge />}
                </Group>
              </Table.Td>
              <Table.Td>{extra}</Table.Td>
              <Table.Td>
                {person.email ? <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor> : t('common.none')}
              </Table.Td>
              <Table.Td>{person.phone ?? t('common.none')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
