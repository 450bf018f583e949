"""The ``ow-states`` plugin: the state index, from every status value to the steps that write it."""
